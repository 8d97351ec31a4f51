/**
 * Evaluates the few template functions the doctor needs to name and read resources:
 * parameters() (their default values), variables(), concat() and format(). Anything else stays
 * as written, so a rule reading it sees an unresolved expression, never a guess.
 */
export function evaluate(value: unknown, template: { parameters?: Record<string, { defaultValue?: unknown }>; variables?: Record<string, unknown> }): unknown {
  if (typeof value !== "string" || !/^\[[^[]/.test(value) || !value.endsWith("]")) return value;
  const source = value.slice(1, -1);
  let at = 0;
  const fail = () => {
    throw new Error("unsupported");
  };
  const skip = () => {
    while (source[at] === " ") at++;
  };
  const parse = (): unknown => {
    skip();
    if (source[at] === "'") {
      const end = source.indexOf("'", at + 1);
      if (end < 0) fail();
      const text = source.slice(at + 1, end);
      at = end + 1;
      return text;
    }
    const name = /^[A-Za-z]+/.exec(source.slice(at))?.[0] ?? fail();
    at += (name as string).length;
    skip();
    if (source[at] !== "(") fail();
    at++;
    const args: unknown[] = [];
    skip();
    while (source[at] !== ")") {
      args.push(parse());
      skip();
      if (source[at] === ",") at++;
      else if (source[at] !== ")") fail();
    }
    at++;
    return call(name as string, args);
  };
  const call = (name: string, args: unknown[]): unknown => {
    switch (name) {
      case "parameters":
        return evaluate(template.parameters?.[String(args[0])]?.defaultValue ?? fail(), template);
      case "variables":
        return evaluate(template.variables?.[String(args[0])] ?? fail(), template);
      case "concat":
        return args.map(String).join("");
      case "format":
        return String(args[0]).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i) + 1]));
      default:
        return fail();
    }
  };
  try {
    const result = parse();
    skip();
    return at === source.length ? result : value;
  } catch {
    return value;
  }
}
