import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZaloBotApi, ZaloBotApiError } from "../../../../bot/channels/zalo-bot/index.js";
import { type FakeZaloBot, startFakeZaloBot } from "../../../../scripts/lib/fake-zalo-bot-api.js";

const TOKEN = "987654321:api-test-token";

describe("Zalo Bot API client", () => {
  let fake: FakeZaloBot;
  beforeAll(async () => {
    fake = await startFakeZaloBot(TOKEN);
  });
  afterAll(() => fake.close());

  it("posts JSON to /bot<token>/<method> and returns the result", async () => {
    const api = createZaloBotApi({ apiRoot: `${fake.apiRoot}/`, token: TOKEN });
    const result = await api.sendMessage("c-1", "Xin chào");
    expect(result).toMatchObject({ message_id: expect.any(String) });
    expect(fake.calls.at(-1)).toEqual({
      method: "sendMessage",
      token: TOKEN,
      params: { chat_id: "c-1", text: "Xin chào" },
    });
  });

  it("tells passing failures from permanent ones, without the token", async () => {
    const api = createZaloBotApi({ apiRoot: fake.apiRoot, token: TOKEN });
    fake.failNext("sendMessage", { status: 429, errorCode: 429, description: "Too Many Requests" });
    await expect(api.sendMessage("c", "x")).rejects.toMatchObject({ errorCode: 429, retryable: true });
    fake.failNext("sendMessage", { status: 400, errorCode: 400, description: "Bad Request" });
    await expect(api.sendMessage("c", "x")).rejects.toMatchObject({ errorCode: 400, retryable: false });
    const wrongToken = createZaloBotApi({ apiRoot: fake.apiRoot, token: "wrong-token" });
    await expect(wrongToken.sendMessage("c", "x")).rejects.toMatchObject({
      errorCode: 401,
      retryable: false,
    });

    const offline = createZaloBotApi({ apiRoot: "http://127.0.0.1:9", token: TOKEN });
    const err = await offline.sendMessage("c", "x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloBotApiError);
    expect(err).toMatchObject({ errorCode: 0, retryable: true, method: "sendMessage" });
    expect(String((err as Error).message)).not.toContain(TOKEN);
    expect(JSON.stringify(err)).not.toContain(TOKEN);
  });
});
