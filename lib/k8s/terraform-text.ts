import { Token } from "cdktf";

/**
 * Escape text so Terraform keeps it literal inside cdk.tf.json: every string there is a template, so
 * `${` becomes `$${` and `%{` becomes `%%{`. Shell scripts, SQL files, Helm values and user text go
 * through this before they land in the JSON.
 * @internal
 */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/**
 * User text as Terraform must see it: `${`/`%{` escaped, unless it carries a token (a reference stays one).
 * @internal
 */
export function literalText(text: string): string {
  return Token.isUnresolved(text) ? text : terraformLiteral(text);
}
