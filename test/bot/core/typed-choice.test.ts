import { describe, expect, it } from "vitest";
import { encodePaknButton } from "../../../bot/core/features/pakn-buttons.js";
import { describeChoices, isShortReply, typedChoice } from "../../../bot/core/features/typed-choice.js";
import {
  bundledTypedReplies,
  parseTypedReplies,
  typedMeanings,
  typedOptionNumber,
} from "../../../bot/core/features/typed-replies.js";

const button = (label: string, action: Parameters<typeof encodePaknButton>[0]) => ({
  label,
  payload: encodePaknButton(action),
});
const OFFER = [
  button("Gửi phản ánh", { type: "accept_offer" }),
  button("Không, tôi muốn hỏi thủ tục", { type: "decline_offer" }),
];
const REVIEW = [
  button("Xác nhận gửi", { type: "confirm" }),
  button("Sửa nội dung", { type: "edit" }),
  button("Hủy", { type: "cancel" }),
];

describe("typed replies (assets/typed-replies.tsv)", () => {
  it("reads every row of the bundled file, with a suggestion for each meaning", () => {
    const replies = bundledTypedReplies();
    expect(replies.suggestion.get("yes")).toBe("có");
    expect(replies.suggestion.get("no")).toBe("không");
    expect(replies.fillers.has("a")).toBe(true);
  });

  it("refuses an unknown meaning instead of dropping the row", () => {
    expect(() => parseTypedReplies("yes\tcó\nmaybe\tcó lẽ\n")).toThrow(/line 2: unknown meaning "maybe"/);
  });

  it("reads the words citizens type, with or without diacritics, polite words and chat spellings", () => {
    for (const yes of [
      "có",
      "co",
      "CÓ",
      "ok",
      "ừ",
      "đúng rồi",
      "dung roi",
      "có ạ",
      "dạ có",
      "Có, gửi giúp tôi",
    ])
      expect(typedMeanings(yes).has("yes"), yes).toBe(true);
    for (const no of ["không", "khong", "ko", "k", "không ạ", "thôi"])
      expect(typedMeanings(no).has("no"), no).toBe(true);
    expect(typedMeanings("bỏ qua").has("skip")).toBe(true);
    expect(typedMeanings("bo qua").has("skip")).toBe(true);
    expect(typedMeanings("thôi").has("cancel")).toBe(true);
    // A reply that only starts with a word is that word, unless the whole message must be it.
    expect(typedMeanings("thôi, đường này ngập lâu rồi").has("cancel")).toBe(true);
    expect(typedMeanings("thôi, đường này ngập lâu rồi", { wholeOnly: true }).size).toBe(0);
    expect(typedMeanings("đường làng ngập nước").size).toBe(0);
  });

  it("reads an option's number, alone or after “số”, “chọn”", () => {
    expect(typedOptionNumber("1")).toBe(1);
    expect(typedOptionNumber(" 2. ")).toBe(2);
    expect(typedOptionNumber("số 3")).toBe(3);
    expect(typedOptionNumber("chọn 1 ạ")).toBe(1);
    expect(typedOptionNumber("thôn 3")).toBeUndefined();
    expect(typedOptionNumber("0912345678")).toBeUndefined();
  });
});

describe("a typed reply presses a button", () => {
  it("by number, by label, or by a meaning exactly one button carries", () => {
    expect(typedChoice(OFFER, "1")).toBe(OFFER[0]);
    expect(typedChoice(OFFER, "2")).toBe(OFFER[1]);
    expect(typedChoice(OFFER, "3")).toBeUndefined();
    expect(typedChoice(OFFER, "gửi phản ánh")).toBe(OFFER[0]);
    expect(typedChoice(OFFER, "ừ")).toBe(OFFER[0]);
    expect(typedChoice(OFFER, "ko")).toBe(OFFER[1]);
    expect(typedChoice(REVIEW, "ok")).toBe(REVIEW[0]);
    expect(typedChoice(REVIEW, "sửa")).toBe(REVIEW[1]);
    expect(typedChoice(REVIEW, "thôi")).toBe(REVIEW[2]);
    // "không" at the summary could mean "don't send" or "not right": it picks nothing.
    expect(typedChoice(REVIEW, "không")).toBeUndefined();
    expect(typedChoice(REVIEW, "hả")).toBeUndefined();
  });

  it("names each choice with its number and the word to type", () => {
    expect(describeChoices(OFFER)).toBe(
      "• 1 hoặc “có”: Gửi phản ánh\n• 2 hoặc “không”: Không, tôi muốn hỏi thủ tục",
    );
    expect(describeChoices(REVIEW)).toBe(
      "• 1 hoặc “xác nhận”: Xác nhận gửi\n• 2 hoặc “sửa”: Sửa nội dung\n• 3: Hủy",
    );
  });

  it("tells a short reply from new content", () => {
    expect(isShortReply("có")).toBe(true);
    expect(isShortReply("2")).toBe(true);
    expect(isShortReply("hả?")).toBe(true);
    expect(isShortReply("Đường làng ngập nước hai tuần nay")).toBe(false);
  });
});
