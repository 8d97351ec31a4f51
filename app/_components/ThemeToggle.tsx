import { chooseTheme } from "../_actions/themeActions";
import type { ThemeChoice } from "../_server/theme";

const OPTIONS = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "Auto" },
] as const;

/** Light, dark, or the OS's choice: a form of three buttons, so it works before any script loads. */
export function ThemeToggle({ choice }: { choice: ThemeChoice | null }) {
  const current = choice ?? "system";
  return (
    <form action={chooseTheme}>
      <fieldset className="theme">
        <legend className="visually-hidden">Theme</legend>
        {OPTIONS.map((o) => (
          <button
            key={o.value}
            type="submit"
            name="theme"
            value={o.value}
            aria-pressed={current === o.value}
            title={o.value === "system" ? "Follow the system's setting" : undefined}
          >
            {o.label}
          </button>
        ))}
      </fieldset>
    </form>
  );
}
