/** True for the paths of the officer console and the admin tools (sessions and CSRF apply there). */
export function isConsolePath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  return (
    path === "/officer" || path.startsWith("/officer/") || path === "/admin" || path.startsWith("/admin/")
  );
}
