import { kindLabel } from "../../../feedback/status-labels.js";
import type { KnowledgeBase } from "../../../knowledge/decision-types.js";
import type { Button, Reply } from "../../../lib/reply.js";
import type { PaknDraft } from "./pakn-draft.js";
import { encodePaknAction } from "./pakn-payloads.js";
import { fill, PAKN_LABELS, PAKN_TEXTS } from "./pakn-texts.js";

const button = (label: string, action: Parameters<typeof encodePaknAction>[0]): Button => ({
  label,
  payload: encodePaknAction(action),
});

/** Cuts a text to `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const cancelButton = () => button(PAKN_LABELS.cancel, { type: "cancel" });

/** The buttons of the offer made for a complaint-like message. */
export function offerReply(): Reply {
  return {
    text: PAKN_TEXTS.offer,
    buttons: [
      button(PAKN_LABELS.send, { type: "accept_offer" }),
      button(PAKN_LABELS.notFeedback, { type: "decline_offer" }),
    ],
  };
}

/**
 * The offer made for a reported problem that also asked about a procedure: the answer follows
 * below, so the one button files the PAKN.
 */
export function reportOfferReply(): Reply {
  return { text: PAKN_TEXTS.offerWithAnswer, buttons: [button(PAKN_LABELS.send, { type: "accept_offer" })] };
}

/** Filing offered in words, under the welcome and the knowledge base's answers. */
export function fileButton(): Button {
  return button(PAKN_LABELS.file, { type: "start" });
}

/** "Start again" after an expired session or a cancelled intake. */
export function startAgainButton(): Button {
  return button(PAKN_LABELS.newFeedback, { type: "start" });
}

/** The summary shown before sending, kept under the 2,000-character reply limit. */
export function summaryText(draft: PaknDraft, kb: KnowledgeBase): string {
  const procedure = draft.procedureCode ? kb.get(draft.procedureCode) : undefined;
  const attachments = draft.attachments ?? [];
  const images = attachments.filter((a) => a.kind === "image").length;
  const places = attachments.length - images;
  const lines = [
    PAKN_TEXTS.reviewHead,
    `Loại: ${kindLabel(draft.kind ?? "phan_anh")}`,
    `Nội dung: ${shorten(draft.content ?? "", 1_000)}`,
    procedure ? `Thủ tục liên quan: ${shorten(procedure.name, 150)}` : undefined,
    draft.place ? `Nơi xảy ra, cơ quan: ${shorten(draft.place, 150)}` : undefined,
    attachments.length
      ? `Đính kèm: ${[images ? `${images} ảnh` : "", places ? `${places} vị trí` : ""].filter(Boolean).join(", ")}`
      : undefined,
    `Họ tên: ${draft.name}`,
    `Điện thoại: ${draft.phone}`,
    `Địa chỉ: ${shorten(draft.address ?? "", 200)}`,
    "",
    PAKN_TEXTS.reviewTail,
  ];
  return lines.filter((l) => l !== undefined).join("\n");
}

/** The buttons under the summary (also under the "busy, press again" reply). */
export function reviewButtons(): Button[] {
  return [
    button(PAKN_LABELS.confirm, { type: "confirm" }),
    button(PAKN_LABELS.edit, { type: "edit" }),
    cancelButton(),
  ];
}

/** The question of the draft's current step, with its buttons, after an optional lead-in. */
export function promptFor(draft: PaknDraft, kb: KnowledgeBase, lead?: string): Reply {
  const withLead = (text: string) => (lead ? `${lead}\n\n${text}` : text);
  switch (draft.step) {
    case "offer": {
      const offer = offerReply();
      return { ...offer, text: withLead(offer.text) };
    }
    case "kind":
      return {
        text: withLead(PAKN_TEXTS.askKind),
        buttons: [
          button(PAKN_LABELS.phanAnh, { type: "kind", kind: "phan_anh" }),
          button(PAKN_LABELS.kienNghi, { type: "kind", kind: "kien_nghi" }),
          button(PAKN_LABELS.complaint, { type: "complaint_path" }),
        ],
      };
    case "content":
      return {
        text: withLead(
          draft.editing ? PAKN_TEXTS.askEditContent : PAKN_TEXTS.askContent[draft.kind ?? "phan_anh"],
        ),
        buttons: [cancelButton()],
      };
    case "related": {
      const procedure = draft.suggestedCode ? kb.get(draft.suggestedCode) : undefined;
      const name = procedure?.name ?? "";
      return {
        text: withLead(fill(PAKN_TEXTS.askRelated, { name: shorten(name, 200) })),
        buttons: [
          button(`Liên quan thủ tục ${shorten(name, 32)}?`, {
            type: "related",
            code: draft.suggestedCode ?? null,
          }),
          button(PAKN_LABELS.notRelated, { type: "related", code: null }),
        ],
      };
    }
    case "place":
      return { text: withLead(PAKN_TEXTS.askPlace), buttons: [button(PAKN_LABELS.skip, { type: "skip" })] };
    case "attachments": {
      const n = draft.attachments?.length ?? 0;
      return n
        ? {
            text: withLead(fill(PAKN_TEXTS.attachmentsReceived, { n })),
            buttons: [button(PAKN_LABELS.next, { type: "skip" })],
          }
        : {
            text: withLead(PAKN_TEXTS.askAttachments),
            buttons: [button(PAKN_LABELS.skip, { type: "skip" })],
          };
    }
    case "consent":
      return {
        text: withLead(PAKN_TEXTS.consent),
        buttons: [
          button(PAKN_LABELS.agree, { type: "consent", agree: true }),
          button(PAKN_LABELS.disagree, { type: "consent", agree: false }),
        ],
      };
    case "name":
      return { text: withLead(PAKN_TEXTS.askName), buttons: [cancelButton()] };
    case "phone":
      return { text: withLead(PAKN_TEXTS.askPhone), buttons: [cancelButton()] };
    case "address":
      return { text: withLead(PAKN_TEXTS.askAddress), buttons: [cancelButton()] };
    case "review":
      return { text: withLead(summaryText(draft, kb)), buttons: reviewButtons() };
  }
}
