// A draft's id fields, in a model too large to list every post and role in
// the page (webapp.LIST_ALL): the list under a field is filled from
// /suggest as the editor types.  Ids and names go in as DOM properties,
// never as markup.
(function () {
  "use strict";
  var list = document.getElementById("posts");
  if (!list || !list.dataset.suggest) { return; }
  var asked = "";
  function fill(q, hits) {
    if (q !== asked) { return; }            // a later keystroke asked again
    list.replaceChildren.apply(list, hits.map(function (hit) {
      var option = document.createElement("option");
      option.value = hit.id;
      option.label = hit.name;
      return option;
    }));
  }
  document.querySelectorAll('input[list="posts"]').forEach(function (input) {
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2 || q === asked) { return; }
      asked = q;
      fetch(list.dataset.suggest + "?q=" + encodeURIComponent(q),
            {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (hits) { fill(q, hits); });
    });
  });
}());
