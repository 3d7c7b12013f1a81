import { dateOf, schoolYearOf } from '../shared/calendar';
import { badInput, ensure, forbidden, invalidState, notFound } from '../shared/errors';
import type { CommunityFacts } from '../shared/facts';
import { event } from '../shared/message';
import { PRODUCT_KINDS, type ProductRegistered, type ProductState, type RegisterProduct } from './types';
import { defined, optionalText, optionalUrl, requireDate, requireOneOf, requireText } from './validation';

/**
 * Registers a result of the community's work, one of the "results and products" whose
 * diversity and demand 002:6.1 evaluates. Its authors are members of the community.
 */
export const registerProduct = (command: RegisterProduct, state: ProductState): ProductRegistered[] => {
  const { data, metadata } = command;
  ensure(state.status === 'none', () => invalidState(`product ${data.productId} is already registered`));
  const productId = requireText(data.productId, 'productId');
  const { community } = data;
  ensure(community.status === 'active', () => invalidState(`community ${community.communityId} is dissolved`));
  ensure(
    isMember(community, metadata.actor.id) || community.chairId === metadata.actor.id,
    () => forbidden(`only a member or the chair of community ${community.communityId} may register its products`),
  );
  const kind = requireOneOf(data.kind, PRODUCT_KINDS, 'kind');
  const title = requireText(data.title, 'title');
  const authorIds = authorsOf(data.authorIds, community);
  const producedOn = requireDate(data.producedOn, 'producedOn');
  const meeting = data.meeting;
  ensure(
    meeting === undefined || meeting.communityId === community.communityId,
    () => badInput(`meeting ${meeting?.meetingId} is a meeting of community ${meeting?.communityId}, not of ${community.communityId}`),
  );
  ensure(producedOn <= dateOf(metadata.now), () => badInput(`producedOn ${producedOn} is in the future`));

  return [
    event('ProductRegistered', {
      productId,
      communityId: community.communityId,
      districtId: community.districtId,
      ...defined({ institutionId: community.institutionId }),
      kind,
      title,
      ...defined({
        description: optionalText(data.description, 'description'),
        url: optionalUrl(data.url),
      }),
      authorIds,
      ...defined({
        meetingId: meeting?.meetingId,
        planTaskId: optionalText(data.planTaskId, 'planTaskId'),
      }),
      producedOn,
      schoolYear: schoolYearOf(producedOn),
      registeredBy: metadata.actor.id,
      registeredAt: metadata.now,
    }),
  ];
};

const isMember = (community: CommunityFacts, personId: string): boolean => community.members.some((m) => m.memberId === personId);

/** At least one author, each a member, none twice: authors count as active participants (002:6.1). */
const authorsOf = (ids: readonly string[] | undefined, community: CommunityFacts): readonly string[] => {
  const authors = (ids ?? []).map((id) => requireText(id, 'authorIds[]'));
  ensure(authors.length > 0, () => badInput('a product has at least one author'));
  ensure(new Set(authors).size === authors.length, () => badInput('authorIds must not repeat'));
  const stranger = authors.find((id) => !isMember(community, id));
  ensure(stranger === undefined, () => notFound(`member of community ${community.communityId}:`, String(stranger)));
  return authors;
};
