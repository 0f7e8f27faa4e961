/** Module resolution hook for outside-next.mjs: `server-only` → an empty module. */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", format: "module", shortCircuit: true };
  return nextResolve(specifier, context);
}
