// @lamina/catalog — public API (filled in by the catalog work).
export {};
