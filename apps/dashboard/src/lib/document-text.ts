/**
 * The text rules of the dashboard's documents, written once: the dashboard applies them to the
 * documents it sends (./documents.ts), and the gateway's allow-list build applies the same ones to
 * list exactly those texts (apps/gateway/scripts/dashboard-operations.ts imports this file, which
 * imports nothing, so no other dashboard code runs there).
 */

export const TEMPLATE_DOMAIN = "enrollment";

function checkDomain(domain: string): string {
  if (!/^[a-z][A-Za-z0-9]*$/.test(domain)) throw new Error(`bad domain name ${domain}`);
  return domain;
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The text of a per-domain template document for `domain`. */
export function domainText(template: string, domain: string): string {
  const d = checkDomain(domain);
  return template.replaceAll(TEMPLATE_DOMAIN, d).replaceAll(pascal(TEMPLATE_DOMAIN), pascal(d));
}

/** The text of an all-domains template: each line naming the template domain, once per domain. */
export function allDomainsText(template: string, domains: readonly string[]): string {
  const sorted = [...new Set(domains)].sort();
  return template
    .split("\n")
    .flatMap((line) =>
      line.toLowerCase().includes(TEMPLATE_DOMAIN) ? sorted.map((d) => domainText(line, d)) : [line],
    )
    .join("\n");
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * The generic save document of a declared fact's generated mutation, from its layout's `mutation`
 * and `inputType`: `mutation Save_<mutation>($input: <InputType>!) { result: <mutation>(input:
 * $input) { changed } }`. The allow-list build also checks that
 * the payload has `changed`.
 */
export function saveDocumentText(mutation: string, inputType: string): string {
  if (!GRAPHQL_NAME.test(mutation) || !GRAPHQL_NAME.test(inputType))
    throw new Error(`bad mutation or input type name ${mutation} / ${inputType}`);
  return `mutation Save_${mutation}($input: ${inputType}!) {\n  result: ${mutation}(input: $input) {\n    changed\n  }\n}`;
}
