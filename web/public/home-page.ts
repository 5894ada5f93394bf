import type { FastifyInstance } from "fastify";
import { html } from "../html.js";
import { layout, sendPage } from "../layout.js";
import { cacheFor, PAGE_CACHE, PUBLIC_NAV } from "./public-shared.js";

const CARDS = [
  {
    href: "/chat",
    title: "Hỏi về thủ tục hành chính",
    text: "Hồ sơ cần những gì, lệ phí bao nhiêu, nộp ở đâu, mất bao lâu: gõ câu hỏi, có dấu hay không dấu đều được.",
  },
  {
    href: "/chat",
    title: "Gửi phản ánh, kiến nghị",
    text: "Trong khung trò chuyện, gõ /phananh rồi làm theo hướng dẫn; bạn nhận mã để theo dõi kết quả. Cũng gửi được qua Telegram và Zalo.",
  },
  {
    href: "/phan-anh",
    title: "Phản ánh, kiến nghị đã được trả lời",
    text: "Câu trả lời chính thức của cơ quan nhà nước, đã ẩn thông tin cá nhân của người gửi.",
  },
  {
    href: "/thong-ke",
    title: "Thống kê trả lời đúng hạn",
    text: "Số phản ánh, kiến nghị tiếp nhận, đã trả lời và tỷ lệ đúng hạn của từng cơ quan.",
  },
];

/** `GET /`: where a citizen starts (ask, file a PAKN, read answers, see on-time rates); staff sign in from here. */
export function registerHomePage(app: FastifyInstance): void {
  const body = html`<h1>Dịch vụ công một cửa</h1>
<p>Hỏi đáp thủ tục hành chính và tiếp nhận phản ánh, kiến nghị của người dân, doanh nghiệp.</p>
<ul class="home-cards">${CARDS.map(
    (c) => html`<li><a href="${c.href}"><strong>${c.title}</strong></a><p>${c.text}</p></li>`,
  )}</ul>
<p class="muted">Cán bộ, công chức: <a href="/officer/login">đăng nhập trang xử lý</a>.</p>`;
  const page = layout({ title: "Trang chủ", body, nav: PUBLIC_NAV, styles: ["public.css"], current: "/" });
  app.get("/", (_req, reply) => sendPage(cacheFor(reply, PAGE_CACHE), page));
}
