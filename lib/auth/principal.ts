import { z } from "zod";
import { ROLES } from "./roles";

/** Who signed in, as kept in the session cookie. What they own is looked up on every request. */
export const Principal = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(z.enum(ROLES)),
  groups: z.array(z.string()),
  method: z.enum(["entra", "local"]),
});
export type Principal = z.infer<typeof Principal>;
