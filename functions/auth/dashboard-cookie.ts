// The cookie a browser keeps its token in for the dashboard pages (set from `?token=` once).
export const DASHBOARD_COOKIE = 'casc_token';
