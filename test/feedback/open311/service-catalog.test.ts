import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createServiceCatalog, serviceCodeOf } from "../../../feedback/open311/service-catalog.js";
import { loadAgencies } from "../../../feedback/routing/agencies.js";
import { BUNDLED_ROUTING_RULES_FILE, parseRoutingRules } from "../../../feedback/routing/routing-rules.js";

const agencies = loadAgencies();
const rules = parseRoutingRules(readFileSync(BUNDLED_ROUTING_RULES_FILE, "utf8"), agencies);

describe("Open311 service catalog", () => {
  const catalog = createServiceCatalog(rules, agencies);

  it("has one stable ASCII code per routing field, and a catch-all", () => {
    expect(serviceCodeOf("Xây dựng, đô thị")).toBe("xay-dung-do-thi");
    expect(serviceCodeOf("Đất đai")).toBe("dat-dai");
    const fields = new Set(rules.map((r) => r.field));
    expect(catalog.services).toHaveLength(fields.size + 1);
    for (const s of catalog.services) expect(s.service_code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(catalog.get("dat-dai")?.service_name).toBe("Đất đai");
    expect(catalog.get("khac")?.service_name).toBe("Lĩnh vực khác");
  });

  it("maps a PAKN's field to its service: its own, the one its words point to, or khac", () => {
    expect(catalog.serviceOf("Đất đai").service_code).toBe("dat-dai");
    expect(catalog.serviceOf("Hộ tịch").service_code).toBe("tu-phap");
    expect(catalog.serviceOf("Xyz abc").service_code).toBe("khac");
    expect(catalog.serviceOf(null).service_code).toBe("khac");
  });
});
