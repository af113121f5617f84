// A plain rendering of the app's own OpenAPI description (no CDN, no framework).
import { h, nav } from "./common.js";

function typeOf(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
  if (schema.enum) return schema.enum.join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items)}[]`;
  return schema.type || "";
}

// `code` spans of the descriptions become <code> elements; everything else stays text.
function prose(tag, text) {
  const el = h(tag, {});
  String(text || "").split("`").forEach((part, i) => el.append(i % 2 ? h("code", {}, part) : part));
  return el;
}

function operation(path, method, op) {
  const params = op.parameters || [];
  const box = h("section", { class: "op", id: `${method}-${path}` },
    h("div", {}, h("span", { class: `method ${method}` }, method.toUpperCase()), h("span", { class: "path" }, path), " ", h("span", { class: "muted" }, op.summary || "")));
  if (op.description) box.append(prose("p", op.description));
  if (params.length) {
    const table = h("table", {}, h("tr", {}, h("th", {}, "parameter"), h("th", {}, "in"), h("th", {}, "type"), h("th", {}, "description")));
    for (const p of params) {
      const sch = p.schema || {};
      const limits = [sch.minimum !== undefined ? `≥ ${sch.minimum}` : null, sch.maximum !== undefined ? `≤ ${sch.maximum}` : null, sch.default !== undefined ? `default ${sch.default}` : null].filter(Boolean).join(", ");
      table.append(h("tr", {}, h("td", { class: "mono" }, p.name + (p.required ? " *" : "")), h("td", {}, p.in), h("td", { class: "mono" }, typeOf(sch)), h("td", {}, p.description || "", limits ? h("span", { class: "muted" }, ` (${limits})`) : null)));
    }
    box.append(table);
  }
  const body = op.requestBody && op.requestBody.content;
  if (body) box.append(h("p", {}, "Request body: ", h("span", { class: "mono" }, Object.keys(body).join(" or "))));
  const codes = Object.entries(op.responses || {}).map(([code, r]) => `${code} ${r.description || ""}`);
  box.append(h("p", { class: "muted small" }, "Responses: " + codes.join(" · ")));
  return box;
}

async function main() {
  document.getElementById("nav").replaceWith(nav("/docs"));
  const spec = await (await fetch("/openapi.json")).json();
  document.getElementById("title").textContent = `${spec.info.title} ${spec.info.version} API`;
  document.getElementById("intro").replaceWith(prose("p", spec.info.description));
  const ops = document.getElementById("ops");
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) ops.append(operation(path, method, op));
  }
  ops.append(h("h2", {}, "Example"), h("pre", {}, [
    "curl -s http://127.0.0.1:8000/extract -H 'Content-Type: application/json' \\",
    "     -d '{\"text\": \"...\", \"published\": \"2024-05-06\"}'",
    "curl -s -F file=@report.txt 'http://127.0.0.1:8000/extract?store=true'",
    "curl -s 'http://127.0.0.1:8000/events?type=ASSAULT&country=SDN&since=2024-04'",
  ].join("\n")));
  document.body.dataset.ready = "1";
}

main();
