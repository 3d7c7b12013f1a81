/**
 * Products: 1–3 results a year in varied kinds, authored by members, often presented at a
 * meeting or tied to a plan task; other communities adopt or request some of them — the
 * diversity and demand of results 002:6.1 evaluates.
 */
import { productDecider, type DemandKind } from '@collegium/domain';
import type { CommunitySim } from './communitySim';
import { productKind, productTitle, theme } from './content';
import { openStream, type Flow } from './eventLog';
import type { ProductStream } from './yearState';
import { DAY, HOUR, isoDate, schoolDay } from './time';

/** Spreads the year's products between November and May. */
export const scheduleProducts = (sim: CommunitySim): void => {
  const { firstYear } = sim.year;
  const from = schoolDay(firstYear, 11, 1);
  const to = schoolDay(firstYear, 5, 31);
  const count = sim.rng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const day = from + sim.rng.int(0, Math.round((to - from) / DAY)) * DAY;
    sim.at(day + 13 * HOUR, (at) => registerProduct(sim, at));
  }
};

const planTaskId = (sim: CommunitySim): string | undefined => {
  const state = sim.year.plan?.stream.state;
  if (state === undefined || state.status === 'none' || !sim.rng.chance(0.5)) return undefined;
  return sim.rng.pick(state.content.tasks).taskId;
};

const registerProduct = (sim: CommunitySim, at: number): void => {
  const year = sim.year;
  const productId = `${sim.id}-${year.schoolYear}-product-${year.productIds.length + 1}`;
  const facts = sim.facts();
  const authorIds = sim.rng.sample(facts.members, sim.rng.int(1, 3)).map((m) => m.memberId);
  const firstAuthor = authorIds[0] ?? sim.chair().actor.id;
  const meeting = year.held.length > 0 && sim.rng.chance(0.6) ? year.held[year.held.length - 1] : undefined;
  const kind = productKind(sim.rng);
  const title = productTitle(kind, theme(sim.rng));
  const stream: ProductStream = openStream(productDecider, 'product', productId);
  const flow = sim.world.log.newFlow();
  sim.world.log.append(
    stream,
    {
      type: 'RegisterProduct',
      data: {
        productId,
        community: facts,
        kind,
        title,
        description: 'Materials prepared by the members of the community',
        url: sim.rng.chance(0.5) ? `https://methodics.example.org/${productId}` : undefined,
        authorIds,
        meeting: meeting ? { meetingId: meeting.meetingId, communityId: sim.id, heldOn: meeting.heldOn } : undefined,
        planTaskId: planTaskId(sim),
        producedOn: meeting?.heldOn ?? isoDate(at),
      },
      metadata: sim.meta(sim.member(firstAuthor), at, flow),
    },
    flow,
  );
  year.productIds.push(productId);
  year.productTitles.push(title);
  scheduleDemand(sim, stream, flow, at);
};

/** Other communities already in the log adopt or request the product weeks later. */
const scheduleDemand = (sim: CommunitySim, stream: ProductStream, flow: Flow, registeredAt: number): void => {
  const others = sim.world.createdCommunityIds.filter((id) => id !== sim.id);
  for (const byCommunityId of sim.rng.sample(others, sim.rng.int(0, 2))) {
    const kind: DemandKind = sim.rng.chance(0.6) ? 'adopted' : 'requested';
    sim.at(registeredAt + sim.rng.int(14, 60) * DAY, (at) => recordDemand(sim, stream, flow, byCommunityId, kind, at));
  }
};

/** Recorded by the district methodist, who follows the exchange of experience (004:1.3). */
const recordDemand = (sim: CommunitySim, stream: ProductStream, flow: Flow, byCommunityId: string, kind: DemandKind, at: number): void => {
  const state = stream.state;
  if (state.status !== 'registered') throw new Error(`product stream ${stream.id} has no product`);
  const adopter = sim.world.communities.get(byCommunityId);
  if (!adopter) throw new Error(`community ${byCommunityId} is not in the generated district`);
  sim.world.log.append(
    stream,
    {
      type: 'RecordProductDemand',
      data: { productId: state.productId, byCommunity: adopter.facts(), kind, note: 'Presented at the district seminar' },
      metadata: sim.meta(sim.official('methodist'), at, flow),
    },
    flow,
  );
};
