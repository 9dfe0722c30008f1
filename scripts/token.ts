// `npm run token -- --scope 150700 --roles viewer [--name 呼伦贝尔市医保局] [--sub id] [--ttl 12h]`
// Mints a development token signed with HSA_JWT_SECRET (or the development secret).
import { parseArgs } from "node:util";
import { getRegion } from "@hsa/regions";
import { jwtSecretFromEnv, mintToken, ROLES } from "@hsa/subgraph-kit";

const usage = `usage: npm run token -- --scope <region code> [--roles viewer,reporter] [--name NAME] [--sub ID] [--ttl 12h]
  roles: ${ROLES.join(", ")}`;

const { values } = parseArgs({
  options: {
    scope: { type: "string" },
    roles: { type: "string", default: "viewer" },
    name: { type: "string" },
    sub: { type: "string" },
    ttl: { type: "string", default: "12h" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help || !values.scope) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const region = getRegion(values.scope);
if (!region) {
  console.error(`unknown region code "${values.scope}" (GB/T 2260, six digits, e.g. 150700)\n${usage}`);
  process.exit(2);
}
const roles = values.roles
  .split(",")
  .map((r) => r.trim())
  .filter(Boolean);
const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
if (unknown.length) {
  console.error(`unknown role(s): ${unknown.join(", ")}\n${usage}`);
  process.exit(2);
}
const token = await mintToken(
  {
    sub: values.sub ?? `user-${values.scope}`,
    name: values.name ?? `${region.name}用户`,
    scope: values.scope,
    roles,
  },
  jwtSecretFromEnv(),
  values.ttl,
);
console.error(`token for ${region.name} (${region.code}), roles ${roles.join(",")}, valid ${values.ttl}:`);
console.log(token);
