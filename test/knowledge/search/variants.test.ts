import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { foldTokens } from "../../../knowledge/normalize.js";
import {
  BUNDLED_VARIANT_MARKERS_FILE,
  MARKERS,
  nameMarkers,
  parseVariantMarkers,
  variantFactor,
  withoutDefaultAudience,
} from "../../../knowledge/search/variants.js";

const factorOf = (name: string) =>
  variantFactor(nameMarkers(foldTokens(name), name), new Uint8Array(MARKERS.length));

describe("variant markers", () => {
  it("loads the bundled, reviewed list", () => {
    const list = parseVariantMarkers(readFileSync(BUNDLED_VARIANT_MARKERS_FILE, "utf8"));
    expect(list.markers.length).toBe(MARKERS.length);
    expect(list.applicants.length).toBeGreaterThan(0);
  });

  it("refuses a marker without a usable factor, naming the line", () => {
    expect(() => parseVariantMarkers("marker\tcấp lại\t1.5\n")).toThrow(/line 1/);
    expect(() => parseVariantMarkers("# note\nmarker\tcấp lại\n")).toThrow(/line 2/);
  });

  it("makes the foreign-element procedure a variant the message must ask for", () => {
    expect(factorOf("Đăng ký kết hôn có yếu tố nước ngoài")).toBeLessThan(1);
    expect(factorOf("Đăng ký kết hôn")).toBe(1);
  });

  it("does not penalise a procedure whose list of applicants also names people abroad", () => {
    expect(
      factorOf(
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam, người Việt Nam đang cư trú ở nước ngoài",
      ),
    ).toBe(1);
    expect(
      factorOf(
        "Đăng ký đất đai lần đầu đối với hộ gia đình, cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài",
      ),
    ).toBe(1);
    // Foreign individuals alone are the applicants: still a variant.
    expect(
      factorOf("Gia hạn thời hạn sở hữu nhà ở tại Việt Nam của tổ chức, cá nhân nước ngoài"),
    ).toBeLessThan(1);
  });

  it("leaves the default audience out of a name's words, and only the default one", () => {
    const words = (name: string) => withoutDefaultAudience(foldTokens(name)).join(" ");
    expect(words("Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên")).toBe("cap the can cuoc");
    expect(words("Cấp thẻ căn cước cho người dưới 14 tuổi")).toBe("cap the can cuoc cho nguoi duoi 14 tuoi");
  });
});
