export function SiteAccess() {
  return null;
}
