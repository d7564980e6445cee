// The version shown by `zwgk --version` and written into reports; tsup replaces it at build time
// from package.json so there is one source of truth.
declare const __ZWGK_VERSION__: string | undefined;
export const VERSION: string = typeof __ZWGK_VERSION__ === "string" ? __ZWGK_VERSION__ : "0.0.0-dev";
