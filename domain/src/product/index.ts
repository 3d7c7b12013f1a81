export * from './types';
export { productDecider, decideProduct, evolveProduct, initialProductState } from './decider';
export { registerProduct } from './registerProduct';
export { recordProductDemand } from './recordProductDemand';
