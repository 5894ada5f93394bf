import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeZns,
  failsFirst,
  isNotOnZalo,
  startFakeZns,
} from "../../../scripts/bench/pipeline-fake-zns.js";

const TOKEN = "oa-token";
const PARAMS = ["ma_phan_anh", "ngay_nhan"];

let zns: FakeZns | undefined;
afterEach(async () => {
  await zns?.close();
  zns = undefined;
});

async function start(options: { failFirstShare?: number; notOnZaloShare?: number } = {}) {
  zns = await startFakeZns({ templates: new Map([["1001", PARAMS]]), accessToken: TOKEN, ...options });
  return zns;
}

/** A phone (84…) the fake's hash puts inside or outside the "not on Zalo" share. */
function phone(notOnZalo: boolean, share: number): string {
  for (let i = 0; ; i++) {
    const candidate = `8491${String(1_000_000 + i).padStart(7, "0")}`;
    if (isNotOnZalo(candidate, share) === notOnZalo) return candidate;
  }
}

/** A tracking id whose first try the fake fails (or not). */
function trackingId(failing: boolean, share: number): string {
  for (let i = 1; ; i++) if (failsFirst(`n${i}`, share) === failing) return `n${i}`;
}

async function send(root: string, body: Record<string, unknown>, token = TOKEN) {
  const response = await fetch(`${root}/message/template`, {
    method: "POST",
    headers: { "content-type": "application/json", access_token: token },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const message = (over: Record<string, unknown> = {}) => ({
  phone: "84912345678",
  template_id: "1001",
  template_data: { ma_phan_anh: "PAKN.20261207.0001", ngay_nhan: "07/12/2026" },
  tracking_id: "n1",
  ...over,
});

describe("the pipeline bench's fake ZNS", () => {
  it("answers Zalo's success envelope and counts deliveries by tracking id", async () => {
    const fake = await start();
    const first = await send(fake.apiRoot, message());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ error: 0, message: "Success", data: { msg_id: expect.any(String) } });
    expect(typeof (first.body.data as { sent_time: unknown }).sent_time).toBe("string");
    await send(fake.apiRoot, message());
    await send(fake.apiRoot, message({ tracking_id: "n2" }));
    expect(fake.countsByTracking()).toEqual(
      new Map([
        ["n1", 2],
        ["n2", 1],
      ]),
    );
    expect(fake.delivered[0]).toMatchObject({ trackingId: "n1", phone: "84912345678", templateId: "1001" });
  });

  it("refuses unknown templates, wrong template_data keys, empty values, bad phones and tokens", async () => {
    const fake = await start();
    expect((await send(fake.apiRoot, message({ template_id: "999" }))).body.error).toBe(-109);
    const missing = await send(fake.apiRoot, message({ template_data: { ma_phan_anh: "X" } }));
    expect(missing.body.error).toBe(-112);
    expect(String(missing.body.message)).toContain("missing [ngay_nhan]");
    const extra = await send(
      fake.apiRoot,
      message({ template_data: { ma_phan_anh: "X", ngay_nhan: "1", ten: "A" } }),
    );
    expect(String(extra.body.message)).toContain("unknown [ten]");
    const empty = await send(fake.apiRoot, message({ template_data: { ma_phan_anh: " ", ngay_nhan: "1" } }));
    expect(empty.body.error).toBe(-112);
    expect((await send(fake.apiRoot, message({ phone: "0912345678" }))).body.error).toBe(-108);
    expect((await send(fake.apiRoot, message(), "another-token")).body.error).toBe(-216);
    expect(fake.delivered).toHaveLength(0);
    expect(fake.refusals).toEqual({ serverError: 0, notOnZalo: 0, badRequest: 5, badToken: 1 });
  });

  it("answers HTTP 500 on the first try of its share of tracking ids, then delivers", async () => {
    const fake = await start({ failFirstShare: 0.5 });
    const failing = trackingId(true, 0.5);
    const first = await send(fake.apiRoot, message({ tracking_id: failing }));
    expect(first.status).toBe(500);
    const again = await send(fake.apiRoot, message({ tracking_id: failing }));
    expect(again).toMatchObject({ status: 200, body: { error: 0 } });
    const other = await send(fake.apiRoot, message({ tracking_id: trackingId(false, 0.5) }));
    expect(other.status).toBe(200);
    expect(fake.refusals.serverError).toBe(1);
    expect(fake.delivered).toHaveLength(2);
  });

  it("answers -118 every time for its share of phones and delivers to the others", async () => {
    const fake = await start({ notOnZaloShare: 0.3 });
    const absent = phone(true, 0.3);
    for (const id of ["n1", "n2"])
      expect((await send(fake.apiRoot, message({ phone: absent, tracking_id: id }))).body).toMatchObject({
        error: -118,
      });
    expect((await send(fake.apiRoot, message({ phone: phone(false, 0.3) }))).body.error).toBe(0);
    expect(fake.refusals.notOnZalo).toBe(2);
    expect([...fake.countsByTracking().keys()]).toEqual(["n1"]);
  });

  it("picks about its share of phones, the same ones every run", () => {
    const phones = Array.from({ length: 2_000 }, (_, i) => `849${String(10_000_000 + i)}`);
    const picked = phones.filter((p) => isNotOnZalo(p, 0.2));
    expect(picked.length).toBeGreaterThan(320);
    expect(picked.length).toBeLessThan(480);
    expect(phones.filter((p) => isNotOnZalo(p, 0.2))).toEqual(picked);
    expect(phones.some((p) => isNotOnZalo(p, 0))).toBe(false);
  });
});
