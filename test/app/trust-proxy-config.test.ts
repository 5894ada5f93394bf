import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/config.js";

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join("\n");
    throw err;
  }
  return "";
};

describe("TRUST_PROXY", () => {
  it("trusts no proxy when unset or empty", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: " " }).TRUST_PROXY).toBe(false);
  });

  it("takes a list of addresses, CIDRs and named ranges", () => {
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8 ,172.18.0.5,fd00::/8,::1" }).TRUST_PROXY).toEqual([
      "loopback",
      "10.0.0.0/8",
      "172.18.0.5",
      "fd00::/8",
      "::1",
    ]);
  });

  it("refuses true, a hop count and anything that is not an address, and says what it wants", () => {
    // true would believe anyone; Fastify checks no peer with a hop count, so it would trust nobody.
    for (const value of ["true", "1"])
      expect(problemsOf({ TRUST_PROXY: value })).toMatch(/TRUST_PROXY: name the proxies' addresses/);
    const problems = problemsOf({ TRUST_PROXY: "proxy.local,10.0.0.0/33,1.2.3" });
    for (const entry of ["proxy.local", "10.0.0.0/33", "1.2.3"]) expect(problems).toContain(`"${entry}"`);
  });
});
