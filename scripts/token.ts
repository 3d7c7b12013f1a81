/**
 * Mints a development bearer token signed with the embedded data folder's secret (or
 * COLLEGIUM_AUTH_SECRET):
 *   npm run token -- --sub teacher-1 --role teacher --district dev-district --institution school-1
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '@collegium/config';
import { ORG_ROLES, type OrgRole } from '@collegium/domain';
import { signToken } from '../services/gateway/src/auth';
import { devSecret } from '../services/gateway/src/devSecret';

const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: 'dev-department-head' },
    role: { type: 'string', default: 'departmentHead' },
    district: { type: 'string', default: 'dev-district' },
    institution: { type: 'string' },
    name: { type: 'string' },
  },
});

const role = values.role as OrgRole;
if (!ORG_ROLES.includes(role)) {
  console.error(`--role must be one of: ${ORG_ROLES.join(', ')}`);
  process.exit(2);
}
const config = loadConfig();
const secret = config.COLLEGIUM_AUTH_SECRET ?? devSecret(config.COLLEGIUM_DATA_DIR);
void signToken(secret, {
  actor: { id: values.sub, role },
  tenant: { districtId: values.district, institutionId: values.institution },
  name: values.name,
}).then((token) => console.log(token));
