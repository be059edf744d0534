/** Choices and checks of the create-token form, apart from its markup. */

export interface ScopeChoice {
  value: string;
  label: string;
  hint: string;
}

const SCOPES: ScopeChoice[] = [
  { value: "read", label: "Read", hint: "read what you can see" },
  { value: "write", label: "Write", hint: "create and change records as you" },
  { value: "admin", label: "Administration", hint: "manage users and organisations" },
];

/** The scopes a user may choose: `admin` only for administrators (the server decides in the end). */
export const scopeChoices = (roles: string[]): ScopeChoice[] =>
  SCOPES.filter((scope) => scope.value !== "admin" || roles.includes("admin"));

export const EXPIRY_CHOICES = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "No expiry" },
] as const;

export const DEFAULT_EXPIRY = "30";

export const MAX_TOKEN_NAME = 100;

/** The first problem with the form's input, or null when it can be sent. */
export function checkTokenForm(name: string, scopes: string[]): { field: "name" | "scopes"; message: string } | null {
  if (name.trim() === "") return { field: "name", message: "Enter a name for the token" };
  if (name.length > MAX_TOKEN_NAME) return { field: "name", message: `Use at most ${MAX_TOKEN_NAME} characters` };
  if (scopes.length === 0) return { field: "scopes", message: "Choose at least one scope" };
  return null;
}

/** The `expiresInDays` to send: undefined for no expiry. */
export const expiresInDays = (choice: string): number | undefined =>
  choice === "never" ? undefined : Number.parseInt(choice, 10);
