// Attribute names: the API's PascalCase member names in the snake_case Terraform users expect.

/** `ServiceName` → `service_name`, `EnableWWWSubdomain` → `enable_www_subdomain`, `DNSTarget` → `dns_target`. */
export function snakeCase(name: string): string {
  return (
    name
      // A run of capitals is one word, except its last letter when a lower-case letter follows it.
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
  );
}
