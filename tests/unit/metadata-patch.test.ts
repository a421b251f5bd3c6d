import { metadataPatch } from "@/lib/linking";
import { isEmptyPatch, metadataOf } from "@/lib/linking/metadata-patch";

const empty = { user_metadata: {}, app_metadata: {} };

describe("metadataPatch: what the primary receives from the secondary", () => {
  it("adds the secondary's top-level keys the primary lacks, in both objects", () => {
    expect(metadataPatch(empty, { user_metadata: { a: 1 }, app_metadata: { plan: "pro" } })).toEqual({ user_metadata: { a: 1 }, app_metadata: { plan: "pro" } });
  });

  it("lets the primary win on a conflict, whatever the values are", () => {
    const primary = { user_metadata: { theme: "dark", off: false, zero: 0, none: "" }, app_metadata: {} };
    const secondary = { user_metadata: { theme: "light", off: true, zero: 1, none: "x" }, app_metadata: {} };
    expect(metadataPatch(primary, secondary)).toEqual({});
  });

  it("never merges nested objects: a key the primary has is the primary's, whole", () => {
    const primary = { user_metadata: { prefs: { email: false } }, app_metadata: {} };
    const secondary = { user_metadata: { prefs: { email: true, sms: true }, extra: { a: { b: 1 } } }, app_metadata: {} };
    expect(metadataPatch(primary, secondary)).toEqual({ user_metadata: { extra: { a: { b: 1 } } } });
  });

  it("sends no null (in a PATCH it would delete a key)", () => {
    expect(metadataPatch(empty, { user_metadata: { gone: null }, app_metadata: {} })).toEqual({});
  });

  it("treats an inherited name such as toString as an ordinary key", () => {
    expect(metadataPatch(empty, { user_metadata: { toString: "x" }, app_metadata: {} })).toEqual({ user_metadata: { toString: "x" } });
  });

  it("is empty when there is nothing to add", () => {
    expect(isEmptyPatch(metadataPatch(empty, empty))).toBe(true);
    expect(isEmptyPatch(metadataPatch(empty, { user_metadata: { a: 1 }, app_metadata: {} }))).toBe(false);
  });
});

describe("metadataOf", () => {
  it("reads missing or non-object metadata as empty", () => {
    expect(metadataOf({})).toEqual(empty);
    expect(metadataOf({ user_metadata: ["a"] as unknown as Record<string, unknown>, app_metadata: { plan: "pro" } })).toEqual({ user_metadata: {}, app_metadata: { plan: "pro" } });
  });
});
