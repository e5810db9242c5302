// Vite and Vitest import a file's text with the `?raw` suffix; tests use it to compare the
// generated JSON with the CSV it was made from.
declare module '*.csv?raw' {
  const text: string;
  export default text;
}
