import type { PaknAction } from "../../feedback/console/allowed-actions.js";

/** The URL segment of each action under `/officer/pakn/:code/…` (Vietnamese, like the rest of the site). */
export const ACTION_PATHS: Record<Exclude<PaknAction, "photo">, string> = {
  accept: "tiep-nhan",
  start: "bat-dau",
  resume: "tiep-tuc",
  note: "ghi-chu",
  transfer: "chuyen",
  return: "yeu-cau-bo-sung",
  answer: "tra-loi",
  approve: "duyet",
  send_back: "tra-lai",
  publish: "cong-bo",
  assign: "phan-cong",
  merge: "gop",
  reject: "tu-choi",
  out_of_scope: "ngoai-pham-vi",
};

const BY_PATH = new Map(Object.entries(ACTION_PATHS).map(([action, path]) => [path, action as PaknAction]));

/** The action a URL segment names, if any. */
export function actionOfPath(path: string): PaknAction | undefined {
  return BY_PATH.get(path);
}

/** Where an action's form posts to. */
export function actionUrl(code: string, action: Exclude<PaknAction, "photo">): string {
  return `/officer/pakn/${code}/${ACTION_PATHS[action]}`;
}

/** Where a photo's safety mark is posted to (n: the attachment's index). */
export function photoMarkUrl(code: string, index: number): string {
  return `/officer/pakn/${code}/anh/${index}/danh-dau`;
}

/** Where an officer sees a photo (n: the attachment's index). */
export function photoUrl(code: string, index: number): string {
  return `/officer/pakn/${code}/anh/${index}`;
}
