/** Removes keys whose value is undefined, so equal statuses compare equal. */
export function dropUndefined<TObject extends object>(value: TObject): TObject {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as TObject;
}
