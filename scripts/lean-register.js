/**
 * A lean TypeScript loader for memory-bound processes (`npm run rebuild`, the benchmark's
 * rebuild child): @swc/core transpiles each file with the project's .swcrc as it is
 * required. @swc-node/register, used everywhere else, also loads the TypeScript compiler
 * to read tsconfig.json — about 40 MB resident that a rebuild's 300 MB budget cannot spare.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const options = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.swcrc'), 'utf8'));

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, sourceMaps: 'inline', filename, swcrc: false });
  module._compile(code, filename);
};
