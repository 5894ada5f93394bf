import { Api, GrammyError } from "grammy";
import { AttachmentRejected } from "../../../feedback/attachment-rejected.js";
import { type DownloadLimits, downloadImage } from "../download-image.js";

/** Fetches the bytes of a Telegram file by its file_id. */
export type TelegramFileFetcher = (fileId: string) => Promise<Buffer>;

/**
 * Telegram's way to a photo a citizen sent: `getFile` for its path, then the download from
 * `<apiRoot>/file/bot<token>/<file_path>` (link valid for an hour, so it is never stored). A file_id
 * Telegram no longer knows, or a file over the size limit, is refused for good; the download URL
 * holds the token, so errors name neither.
 */
export function createTelegramFileFetcher(
  options: { token: string; apiRoot: string } & DownloadLimits,
): TelegramFileFetcher {
  const apiRoot = options.apiRoot.replace(/\/+$/, "");
  const api = new Api(options.token, { apiRoot });
  return async (fileId) => {
    let file: Awaited<ReturnType<Api["getFile"]>>;
    try {
      file = await api.getFile(fileId);
    } catch (err) {
      if (err instanceof GrammyError && err.error_code === 400)
        throw new AttachmentRejected(/too big/i.test(err.description) ? "too_large" : "gone");
      throw err;
    }
    if (file.file_size !== undefined && file.file_size > options.maxBytes)
      throw new AttachmentRejected("too_large");
    if (!file.file_path) throw new AttachmentRejected("gone");
    const path = file.file_path.split("/").map(encodeURIComponent).join("/");
    return downloadImage(`${apiRoot}/file/bot${options.token}/${path}`, options);
  };
}
