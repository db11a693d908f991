// What reading a location gives, and what a conditional request starts from: shared by the
// file and HTTP readers (fetch.ts, http.ts), so that neither imports the other for its types.

export interface Fetched {
  bytes: Uint8Array;
  contentType: string | null;
  httpStatus: number | null;
  etag: string | null;
  lastModified: string | null;
  /** True when the server answered 304: nothing new to read. */
  notModified: boolean;
}

/** What the last loaded snapshot of this location said, for a conditional request. */
export interface Prior {
  etag: string | null;
  lastModified: string | null;
}
