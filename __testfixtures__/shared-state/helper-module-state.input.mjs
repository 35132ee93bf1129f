let currentTenant;

export function setTenant(tenant) {
  currentTenant = tenant;
}

export function tenantTable(base) {
  return `${currentTenant}-${base}`;
}
