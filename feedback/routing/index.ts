/** Routing of a PAKN to the responsible agency: procedure, keyword rules, trained classifier. */
export * from "./agencies.js";
export * from "./classify-pakn.js";
export * from "./procedure-agency.js";
export * from "./router.js";
export * from "./routing-examples.js";
export * from "./routing-features.js";
export * from "./routing-model.js";
export * from "./routing-rules.js";
