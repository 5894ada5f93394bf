import { type CitizenDelivery, isUntold } from "../../feedback/citizen-delivery/delivery-history.js";
import { RESEND_CHANNELS } from "../../feedback/citizen-delivery/request-resend.js";
import { channelLabel } from "../../feedback/console/officer-labels.js";
import { vnDateTime } from "../../feedback/console/vn-date-time.js";
import { statusLabel } from "../../feedback/status-labels.js";
import { html, type SafeHtml } from "../html.js";
import {
  attemptActorLabel,
  deliveryOutcome,
  outcomeLabel,
  reasonLabel,
  routeLabel,
} from "./delivery-labels.js";

/** Where the resend form posts to. */
export function resendUrl(code: string): string {
  return `/officer/pakn/${code}/gui-lai-thong-bao`;
}

/** The section's anchor, so the warning can link to it. */
const SECTION_ID = "thong-bao-nguoi-dan";

/** What the section needs besides the deliveries: the item, the form token, whether ZNS is set up. */
export interface DeliveryViewContext {
  item: { code: string; channel: string };
  csrf: SafeHtml;
  /** The steps with an approved ZNS template. */
  znsSteps: ReadonlySet<string>;
}

const failedOn = (d: CitizenDelivery, channel: string): string =>
  [...d.attempts].reverse().find((a) => a.outcome === "failed")?.route ?? channel;

const outcomeOf = (d: CitizenDelivery, channel: string): string =>
  deliveryOutcome({ ...d, failedOn: failedOn(d, channel) });

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

const underWay = (d: CitizenDelivery) =>
  d.attempts.some((a) => a.outcome === "requested" || a.outcome === "sending");

function attemptsList(d: CitizenDelivery): SafeHtml {
  if (d.attempts.length === 0) return html``;
  return html`<ol class="delivery-attempts">${d.attempts.map((a) => {
    const why = reasonLabel(a.reason, a.route);
    return html`<li><span class="muted">${vnDateTime(a.createdAt)}</span> · ${routeLabel(a.route)}: ${outcomeLabel(a.outcome)}${why ? html` (${why})` : ""} · ${attemptActorLabel(a.actor, a.officerName)}</li>`;
  })}</ol>`;
}

function resendButton(
  ctx: DeliveryViewContext,
  d: CitizenDelivery,
  route: "channel" | "zns",
  label: string,
): SafeHtml {
  return html`<form method="post" action="${resendUrl(ctx.item.code)}" class="inline">${ctx.csrf}
<input type="hidden" name="notificationId" value="${d.notificationId}"><input type="hidden" name="route" value="${route}">
<button type="submit" class="secondary">${label}</button></form>`;
}

function resendButtons(ctx: DeliveryViewContext, d: CitizenDelivery): SafeHtml {
  if (underWay(d))
    return html`<p class="muted">Đã có yêu cầu gửi lại đang chờ xử lý; kết quả sẽ hiện ở đây.</p>`;
  const channel = RESEND_CHANNELS.has(ctx.item.channel)
    ? resendButton(ctx, d, "channel", `Gửi lại qua ${channelLabel(ctx.item.channel)}`)
    : "";
  const zns = ctx.znsSteps.has(d.step) ? resendButton(ctx, d, "zns", "Gửi lại qua tin nhắn ZNS") : "";
  if (!channel && !zns) return html``;
  return html`<div class="resend">${channel} ${zns}</div>`;
}

/**
 * "Người dân đã được báo thế nào": each step the citizen is told of, how that ended (sent how and
 * when, or waiting and why), every try made, and the resend buttons (untold steps and the latest).
 */
export function citizenDeliverySection(deliveries: CitizenDelivery[], ctx: DeliveryViewContext): SafeHtml {
  const heading = html`<h2 id="${SECTION_ID}">Người dân đã được báo thế nào</h2>`;
  if (deliveries.length === 0)
    return html`${heading}<p class="muted">Chưa có thông báo nào gửi người dân cho phản ánh này.</p>`;
  // Resending is offered where it matters: a step they have not heard of, and the latest one.
  const latest = deliveries.at(-1);
  return html`${heading}<ol class="deliveries">${deliveries.map(
    (d) => html`<li><time datetime="${d.stepAt.toISOString()}">${vnDateTime(d.stepAt)}</time>
— <strong>${statusLabel(d.step)}</strong><br>${isUntold(d.status) ? html`<strong>${outcomeOf(d, ctx.item.channel)}</strong>` : outcomeOf(d, ctx.item.channel)}
${attemptsList(d)}${d === latest || isUntold(d.status) ? resendButtons(ctx, d) : ""}</li>`,
  )}</ol>`;
}

/**
 * The warning at the top of the page while the citizen has not heard of a step (waiting for their
 * next message, or nobody reached them); nothing otherwise.
 */
export function untoldWarning(deliveries: CitizenDelivery[], channel: string): SafeHtml {
  const untold = deliveries.filter((d) => isUntold(d.status));
  if (untold.length === 0) return html``;
  return html`<div class="error untold" role="note"><p><strong>Người dân chưa nhận được thông báo về ${untold.length === 1 ? "một bước" : `${untold.length} bước`} xử lý của phản ánh này.</strong></p>
<ul>${untold.map((d) => html`<li>“${statusLabel(d.step)}”: ${lowerFirst(outcomeOf(d, channel))}.</li>`)}</ul>
<p>Có thể gửi lại ở mục <a href="#${SECTION_ID}">Người dân đã được báo thế nào</a>, hoặc gọi điện cho người dân.</p></div>`;
}

/** The page's two parts at once: the warning for the top and the section for the body. */
export function citizenDeliveryParts(
  deliveries: CitizenDelivery[],
  ctx: DeliveryViewContext,
): { warning: SafeHtml; section: SafeHtml } {
  return {
    warning: untoldWarning(deliveries, ctx.item.channel),
    section: citizenDeliverySection(deliveries, ctx),
  };
}
