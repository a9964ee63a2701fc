// Lets `tsc -p tests/tsconfig.json` read imports of single-file components; vitest compiles them itself.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
