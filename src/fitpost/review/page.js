"use strict";
(function () {
  // Filters: activity, status, least confidence.  They are read from and written to the page's
  // address (#activity=running&status=completed&min=0.7), so a filtered view can be linked.
  var activity = document.getElementById("fp-activity");
  var status = document.getElementById("fp-status");
  var least = document.getElementById("fp-min");
  var count = document.getElementById("fp-count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.fp-record"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.fp-span"));
  var posts = Array.prototype.slice.call(document.querySelectorAll("article.fp-post"));

  function words(value) { return value ? value.split(" ") : []; }

  function readAddress() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    activity.value = params.get("activity") || "";
    status.value = params.get("status") || "";
    var min = parseFloat(params.get("min"));
    least.value = isNaN(min) ? "0" : String(min);
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (activity.value) { params.set("activity", activity.value); }
    if (status.value) { params.set("status", status.value); }
    if (parseFloat(least.value) > 0) { params.set("min", least.value); }
    var hash = params.toString();
    try {
      window.history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
    } catch (e) {
      window.location.hash = hash;
    }
  }

  function apply() {
    var min = parseFloat(least.value) || 0;
    var filtering = Boolean(activity.value || status.value || min > 0);
    var shown = new Set();
    rows.forEach(function (row) {
      var ok = (!activity.value || row.dataset.activity === activity.value) &&
               (!status.value || row.dataset.status === status.value) &&
               parseFloat(row.dataset.confidence) >= min;
      row.hidden = !ok;
      if (ok) { shown.add(row.dataset.record); }
    });
    marks.forEach(function (mark) {
      var on = words(mark.dataset.records).some(function (r) { return shown.has(r); });
      mark.classList.toggle("fp-off", !on);
    });
    var postsShown = 0;
    posts.forEach(function (post) {
      var records = words(post.dataset.records);
      var visible = records.length ? records.some(function (r) { return shown.has(r); }) : !filtering;
      post.hidden = !visible;
      if (visible) { postsShown += 1; }
    });
    count.textContent = shown.size + " of " + rows.length + " records, " + postsShown + " of " +
                        posts.length + " posts shown";
  }

  function changed() { writeAddress(); apply(); }

  [activity, status, least].forEach(function (control) {
    control.addEventListener("input", changed);
    control.addEventListener("change", changed);
  });
  window.addEventListener("hashchange", function () { readAddress(); apply(); });

  // a record's row and its spans light up together
  rows.forEach(function (row) {
    function hot(on) {
      row.classList.toggle("fp-hot", on);
      marks.forEach(function (mark) {
        if (words(mark.dataset.records).indexOf(row.dataset.record) >= 0) { mark.classList.toggle("fp-hot", on); }
      });
    }
    row.addEventListener("mouseenter", function () { hot(true); });
    row.addEventListener("mouseleave", function () { hot(false); });
  });

  readAddress();
  apply();
}());
