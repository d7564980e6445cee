// The zwgk version written into reports. Vite defines it at build time from the CLI's package.json,
// the same source tsup stamps `zwgk --version` from, so the page's JSON report equals the CLI's.
declare const __ZWGK_VERSION__: string | undefined;
export const TOOL_VERSION: string = typeof __ZWGK_VERSION__ === "string" ? __ZWGK_VERSION__ : "0.0.0-dev";
