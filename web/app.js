// jixiao's one script: adding and removing indicator rows, and the review findings as one types.
// Plain JavaScript, no build step; the pages work without it.
(function () {
  "use strict";
  var form = document.getElementById("edit-form");
  if (!form) return;
  var tbody = document.querySelector("#indicators tbody");
  var findings = document.getElementById("findings");
  var csrf = document.querySelector("meta[name=csrf]");

  function blankRow() {
    var rows = tbody.querySelectorAll("tr.ind");
    var row = rows[rows.length - 1].cloneNode(true);
    row.querySelectorAll("input").forEach(function (i) { i.value = ""; });
    row.querySelector("select").selectedIndex = 0;
    return row;
  }
  document.getElementById("add-row").addEventListener("click", function () {
    tbody.appendChild(blankRow());
  });
  tbody.addEventListener("click", function (e) {
    if (!e.target.classList.contains("del-row")) return;
    var row = e.target.closest("tr");
    if (tbody.querySelectorAll("tr.ind").length > 1) row.remove();
    else row.querySelectorAll("input").forEach(function (i) { i.value = ""; });
    schedule();
  });

  // The table in the JSON form, as the server builds it from the same fields.
  function asJson() {
    var v = function (id) { return document.getElementById(id).value; };
    var year = parseInt(v("f-year"), 10);
    var doc = { year: isNaN(year) ? 0 : year, name: v("f-name"), unit: v("f-unit"),
      kind: form.querySelector("[name=kind]").value, goal: v("f-goal"),
      funds: { total: v("f-total") || "0", fiscal: v("f-fiscal") || "0", other: v("f-other") || "0" },
      indicators: [] };
    tbody.querySelectorAll("tr.ind").forEach(function (tr) {
      var level = tr.querySelector("[name=level]").value;
      var name = tr.querySelector("[name=ind_name]").value;
      var unit = tr.querySelector("[name=ind_unit]").value;
      var target = tr.querySelector("[name=ind_target]").value;
      if (!name && !unit && !target) return;
      var bar = level.indexOf("|");
      doc.indicators.push({ level1: bar < 0 ? "" : level.slice(0, bar), level2: bar < 0 ? "" : level.slice(bar + 1),
        name: name, unit: unit || null, target: target || null });
    });
    return doc;
  }

  // jx_severity_label() of each jx_severity_name(), as findings_block() in pages.c writes them
  var SEVERITY = { error: "错误", warning: "警告", info: "提示" };

  function item(severity, rule) {
    var li = document.createElement("li");
    li.className = "finding sev-" + severity;
    li.dataset.rule = rule;
    var sev = document.createElement("span"); // as the page writes it: not by colour alone
    sev.className = "sev";
    sev.textContent = SEVERITY[severity] || severity;
    li.appendChild(sev);
    li.appendChild(document.createTextNode(" "));
    return li;
  }

  function show(items, error) {
    findings.textContent = "";
    if (error) {
      var li = item("error", "input");
      li.appendChild(document.createTextNode(error));
      findings.appendChild(li);
      return;
    }
    if (!items.length) {
      var ok = document.createElement("li");
      ok.className = "none";
      ok.textContent = "未发现问题";
      findings.appendChild(ok);
    }
    items.forEach(function (f) {
      var li = item(f.severity, f.rule);
      var code = document.createElement("code");
      code.textContent = f.rule;
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + f.message));
      findings.appendChild(li);
    });
  }

  var timer = null, seq = 0;
  function check() {
    var mine = ++seq;
    fetch("/api/check", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf ? csrf.content : "" },
      body: JSON.stringify(asJson()) })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (r) {
        if (mine !== seq) return; // an older answer, overtaken
        if (r.ok) show(r.body.findings, null); else show([], r.body.error);
        findings.dataset.checked = String(mine);
      })
      .catch(function () {});
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
})();
