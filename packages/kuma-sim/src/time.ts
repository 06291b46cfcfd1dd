/** Kuma's wire time: UTC `YYYY-MM-DD HH:mm:ss.SSS`, no zone suffix. */
export function kumaTime(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 23);
}

/** Kuma's second-precision time, as in `apiKeyList.createdDate`. */
export function kumaTimeSeconds(date: Date): string {
  return kumaTime(date).slice(0, 19);
}
