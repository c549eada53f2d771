// jixiao's one script: adding and removing indicator rows, and the review findings as one types.
// Plain JavaScript, no build step; the pages work without it.
(function () {
  "use strict";
  // a form that undoes what cannot be redone asks first (删除草稿)
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.dataset.confirm)) e.preventDefault();
    });
  });
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

  // The table in the JSON form, as the server builds it from the same fields (form_project() in pages.c):
  // a field left empty is one the table does not give.
  var HEADER = ["title", "department", "implementer", "category", "attribute", "office", "period", "manager",
    "phone", "long_goal"];
  var FUNDS = { fiscal: "fiscal", other: "other", carryover: "carryover", period_total: "period_total", note: "funds_note" };
  var TASK = ["name", "total", "fiscal", "other"];

  function given(obj, key, value) {
    if (value) obj[key] = value;
  }

  function named(name) {
    return Array.prototype.map.call(form.querySelectorAll("[name=" + name + "]"), function (e) { return e.value; });
  }

  // An amount as people type it, made the JSON form's 万元 as the server's form_money() makes it:
  // separators of thousands dropped, 万元 after it dropped, 元 after it moved four places (120000元 → 12);
  // anything else is sent as it is, for the server to say what is wrong with it.
  function money(text) {
    var t = (text || "").trim(), yuan = false;
    if (/万元$/.test(t)) t = t.slice(0, -2);
    else if (/元$/.test(t)) { t = t.slice(0, -1); yuan = true; }
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
    if (!yuan || !/^\d+(\.\d+)?$/.test(t)) return yuan ? text : t;
    var dot = t.indexOf("."), whole = dot < 0 ? t : t.slice(0, dot), frac = dot < 0 ? "" : t.slice(dot + 1);
    while (whole.length < 5) whole = "0" + whole;
    return (whole.slice(0, -4).replace(/^0+(?=\d)/, "") + "." + whole.slice(-4) + frac);
  }

  function asJson() {
    var v = function (id) { return document.getElementById(id).value; };
    var year = parseInt(v("f-year"), 10);
    var doc = { year: isNaN(year) ? 0 : year, name: v("f-name"), unit: v("f-unit"),
      kind: form.querySelector("[name=kind]").value, goal: v("f-goal"),
      funds: { total: money(v("f-total")) || "0" }, indicators: [] };
    HEADER.forEach(function (k) { given(doc, k, form.querySelector("[name=" + k + "]").value); });
    Object.keys(FUNDS).forEach(function (k) {
      var value = form.querySelector("[name=" + FUNDS[k] + "]").value;
      given(doc.funds, k, k === "note" ? value : money(value));
    });
    var tasks = TASK.map(function (k) { return named("task_" + k); });
    if (tasks[0].length) doc.tasks = [];
    tasks[0].forEach(function (name, i) {
      if (!name) return;
      var t = {};
      TASK.forEach(function (k, c) { given(t, k, c ? money(tasks[c][i]) : tasks[c][i]); });
      doc.tasks.push(t);
    });
    tbody.querySelectorAll("tr.ind").forEach(function (tr) {
      var level = tr.querySelector("[name=level]").value;
      var name = tr.querySelector("[name=ind_name]").value;
      var unit = tr.querySelector("[name=ind_unit]").value;
      var target = tr.querySelector("[name=ind_target]").value;
      if (!name && !unit && !target) return;
      var bar = level.indexOf("|");
      var ind = { level1: bar < 0 ? "" : level.slice(0, bar), level2: bar < 0 ? "" : level.slice(bar + 1),
        name: name, unit: unit || null, target: target || null };
      tr.querySelectorAll("[name^=ind_]").forEach(function (e) {
        var k = e.name.slice(4);
        if (k !== "name" && k !== "unit" && k !== "target") given(ind, k, e.value);
      });
      doc.indicators.push(ind);
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

  // the review's grade (88号 第25条) above the findings, as the table's page shows it
  function showGrade(g) {
    var p = document.getElementById("grade");
    if (!p) {
      p = document.createElement("p");
      p.id = "grade";
      p.className = "grade";
      findings.parentNode.insertBefore(p, findings);
    }
    p.textContent = g ? "审核评级：" + g.grade + "，" + g.points + " 分（" +
      Object.keys(g.dimensions).map(function (k) { return k + " " + g.dimensions[k]; }).join("、") + "）" : "";
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
        showGrade(r.ok ? r.body.grade : null);
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

  // Enter in a field of the table does not save a half-filled form (a textarea keeps its new lines; the
  // buttons still work with Enter).
  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.tagName === "INPUT" && e.target.type !== "submit" && e.target.type !== "button")
      e.preventDefault();
  });

  // Leaving with unsaved changes asks first; saving does not.
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (e) {
    if (!dirty) return;
    e.preventDefault();
    e.returnValue = "";
  });

  // 从指标库选择: search the indicator library (GET /api/library) and add the entry picked as a row, its
  // labels, name, unit, 指标性质 (the target starts with it), 解释 and 取值依据 filled.
  var picker = document.getElementById("library-picker");
  if (picker) {
    var libQ = document.getElementById("lib-q");
    var libNote = document.getElementById("lib-note");
    var libList = document.getElementById("lib-results");
    var libTimer = null, libSeq = 0;
    picker.hidden = false;

    var setField = function (row, name, value) {
      var e = row.querySelector("[name=" + name + "]");
      if (e) e.value = value || "";
    };
    var pick = function (entry) {
      var row = null;
      tbody.querySelectorAll("tr.ind").forEach(function (tr) {
        if (!row && !tr.querySelector("[name=ind_name]").value && !tr.querySelector("[name=ind_target]").value) row = tr;
      });
      if (!row) {
        row = blankRow();
        tbody.appendChild(row);
      }
      row.querySelector("[name=level]").value = entry.level1 + "|" + entry.level2;
      setField(row, "ind_name", entry.name);
      setField(row, "ind_unit", entry.unit);
      setField(row, "ind_target", entry.op);
      setField(row, "ind_explanation", entry.explanation);
      setField(row, "ind_basis", entry.basis);
      setField(row, "ind_direction", entry.direction);
      setField(row, "ind_value_type", entry.value_type);
      row.dataset.library = entry.id;
      row.querySelector("[name=ind_target]").focus();
      schedule();
    };
    var showEntries = function (entries, note) {
      libList.textContent = "";
      libNote.textContent = note;
      entries.forEach(function (entry) {
        var li = document.createElement("li");
        var use = document.createElement("button");
        use.type = "button";
        use.className = "lib-pick";
        use.textContent = "选用";
        use.addEventListener("click", function () { pick(entry); });
        li.appendChild(use);
        var name = document.createElement("strong");
        name.textContent = " " + entry.name + (entry.unit ? "（" + entry.unit + "）" : "");
        li.appendChild(name);
        li.appendChild(document.createTextNode(" " + entry.level1 + " › " + entry.level2 + (entry.op ? " " + entry.op : "")));
        [entry.explanation, entry.why ? "推荐理由：" + entry.why : null].forEach(function (text) {
          if (!text) return;
          var small = document.createElement("small");
          small.textContent = text;
          li.appendChild(small);
        });
        libList.appendChild(li);
      });
    };
    var libFetch = function (query, note) {
      var mine = ++libSeq;
      fetch("/api/library?" + query, { credentials: "same-origin" })
        .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
        .then(function (r) {
          if (mine !== libSeq) return;
          if (!r.ok) { showEntries([], r.body.error || "查询失败"); return; }
          showEntries(r.body.entries, note(r.body));
          picker.dataset.answered = String(mine);
        })
        .catch(function () {});
    };
    var search = function () {
      var words = libQ.value.trim();
      if (!words) { showEntries([], ""); return; }
      libFetch("q=" + encodeURIComponent(words) + "&limit=20", function (body) {
        return body.entries.length ? "找到 " + body.entries.length + " 条（最相关的在前）" : "指标库中没有找到相符的条目";
      });
    };
    // the search box is not part of the table: its typing neither checks the table nor submits it
    libQ.addEventListener("input", function (e) {
      e.stopPropagation();
      clearTimeout(libTimer);
      libTimer = setTimeout(search, 250);
    });
    libQ.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      e.preventDefault();
      clearTimeout(libTimer);
      search();
    });
    var suggest = document.getElementById("lib-suggest");
    if (suggest) suggest.addEventListener("click", function () {
      libFetch("project=" + encodeURIComponent(picker.dataset.project) + "&limit=20", function (body) {
        return "项目类型：" + body.type + "；支出功能分类：" + body.sector;
      });
    });
  }
})();
