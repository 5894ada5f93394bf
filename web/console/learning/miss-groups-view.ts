import type { FastifyRequest } from "fastify";
import type { MissGroup } from "../../../feedback/learning/miss-groups.js";
import type { KnowledgeBase } from "../../../knowledge/decision-types.js";
import { html, type SafeHtml } from "../../html.js";
import { csrfField } from "../console-layout.js";
import { dayOf } from "./learning-summary.js";

/** Where the editor's decision on a group is posted. */
export const RESOLVE_PATH = "/officer/tri-thuc/giai-quyet";

/** What an editor typed in a group's form, kept when it is shown back with its problems. */
export interface TypedResolution {
  ids: string;
  kind: string;
  code: string;
  codeOther: string;
  faqAnswer: string;
  faqSource: string;
  where: string;
}

const KIND_LABELS: Record<string, string> = {
  not_found: "không tìm thấy",
  clarify: "phải hỏi lại, công dân không chọn",
  unhelpful: "bị đánh giá chưa đúng",
  unsure: "đã trả lời nhưng chưa chắc",
};

/** The hidden field's value: the group's miss ids. */
export const idsOf = (group: MissGroup) => group.missIds.join(",");

const checked = (on: boolean) => (on ? html` checked` : "");

function procedureChoices(
  kb: Pick<KnowledgeBase, "get">,
  group: MissGroup,
  key: string,
  typed: TypedResolution | undefined,
): SafeHtml {
  const options = new Map<string, string>();
  for (const g of group.guesses)
    options.set(
      g.code,
      `${kb.get(g.code)?.name ?? g.name} (${g.code}) · trợ lý đoán ${g.count} lần, điểm cao nhất ${g.score.toFixed(1)}`,
    );
  for (const c of group.chosen) {
    const name = kb.get(c.code)?.name;
    if (!options.has(c.code) && name)
      options.set(c.code, `${name} (${c.code}) · công dân đã chọn ${c.count} lần`);
  }
  const choices = [...options].map(
    ([code, label], i) =>
      html`<p class="check"><input type="radio" id="${key}-code-${i}" name="code" value="${code}"${checked(typed?.code === code)}><label for="${key}-code-${i}">${label}</label></p>`,
  );
  return html`${choices.length ? html`<fieldset class="codes"><legend>Chọn thủ tục</legend>${choices}</fieldset>` : ""}
<label for="${key}-code-other">${choices.length ? "Hoặc nhập mã thủ tục khác" : "Mã thủ tục"}</label>
<input id="${key}-code-other" name="code_other" value="${typed?.codeOther ?? ""}" maxlength="40" placeholder="vd: 1.001193" autocomplete="off">`;
}

function resolveForm(
  req: FastifyRequest,
  kb: Pick<KnowledgeBase, "get">,
  group: MissGroup,
  period: string,
  typed: TypedResolution | undefined,
): SafeHtml {
  const key = `g${group.missIds[0] ?? 0}`;
  const option = (kind: string, label: string, detail: SafeHtml | "" = "") =>
    html`<div class="option"><p class="check"><input type="radio" id="${key}-${kind}" name="kind" value="${kind}"${checked(typed?.kind === kind)}><label for="${key}-${kind}">${label}</label></p>${detail ? html`<div class="option-detail">${detail}</div>` : ""}</div>`;
  return html`<form method="post" action="${RESOLVE_PATH}" class="resolve">${csrfField(req)}
<input type="hidden" name="ids" value="${idsOf(group)}"><input type="hidden" name="ky" value="${period}">
<fieldset><legend>Xử lý nhóm câu hỏi này</legend>
${option("link", "Đây là một thủ tục có sẵn", procedureChoices(kb, group, key, typed))}
${option(
  "faq",
  "Trả lời ngắn (câu hỏi thường gặp)",
  html`<label for="${key}-faq-answer">Nội dung trả lời</label><textarea id="${key}-faq-answer" name="faq_answer" rows="4">${typed?.faqAnswer ?? ""}</textarea>
<label for="${key}-faq-source">Căn cứ (văn bản, quyết định)</label><input id="${key}-faq-source" name="faq_source" value="${typed?.faqSource ?? ""}" placeholder="vd: Điều 22 Luật Cư trú 2020">`,
)}
${option(
  "elsewhere",
  "Việc này do nơi khác giải quyết",
  html`<label for="${key}-where">Công dân cần liên hệ ở đâu</label><textarea id="${key}-where" name="where" rows="3">${typed?.where ?? ""}</textarea>`,
)}
${option("noise", "Không cần trả lời (thử nghiệm, nội dung vô nghĩa)")}
</fieldset>
<p><button type="submit">Lưu cách xử lý</button></p></form>`;
}

/** One group: how many asked and wait, how they asked, what the bot guessed, then the editor's form. */
export function groupView(
  req: FastifyRequest,
  kb: Pick<KnowledgeBase, "get">,
  group: MissGroup,
  period: string,
  typed?: TypedResolution,
): SafeHtml {
  const id = `nhom-${group.missIds[0] ?? 0}`;
  const kinds = Object.entries(group.kinds).map(([k, n]) => `${n} ${KIND_LABELS[k] ?? k}`);
  const chosen = group.chosen.map((c) => `${kb.get(c.code)?.name ?? c.code} (${c.code}): ${c.count}`);
  return html`<section class="miss-group" aria-labelledby="${id}">
<h2 id="${id}">“${group.examples[0] ?? ""}”</h2>
<p><strong>${group.missIds.length}</strong> lượt hỏi · <strong>${group.followers}</strong> người đang chờ được báo · ${dayOf(group.firstAt)}–${dayOf(group.lastAt)} <span class="muted">(${kinds.join(", ")})</span></p>
<h3>Công dân đã hỏi</h3><ul class="examples">${group.examples.map((e) => html`<li class="note">${e}</li>`)}</ul>
<h3>Trợ lý đã đoán</h3>${
    group.guesses.length
      ? html`<ul>${group.guesses.map(
          (g) =>
            html`<li>${kb.get(g.code)?.name ?? g.name} <span class="muted">${g.code} · điểm ${g.score.toFixed(1)} · ${g.count} lần</span></li>`,
        )}</ul>`
      : html`<p class="muted">Không đoán được thủ tục nào.</p>`
  }
${chosen.length ? html`<p>Công dân đã chọn: ${chosen.join("; ")}</p>` : ""}
${resolveForm(req, kb, group, period, typed)}
</section>`;
}
