// The ECMAScript Unicode alias tables ship as plain JS maps without type declarations.
declare module 'unicode-property-aliases-ecmascript' {
  const aliases: Map<string, string>;
  export default aliases;
}
declare module 'unicode-property-value-aliases-ecmascript' {
  const aliases: Map<string, Map<string, string>>;
  export default aliases;
}
