// The legal clause follows the method as it is chosen; without scripts it still appears once saved.
(function () {
  var clauses = JSON.parse(document.getElementById("clauses").textContent);
  var method = document.getElementById("f-method"), out = document.getElementById("legal-clause");
  method.addEventListener("change", function () { out.textContent = clauses[method.value] || ""; });
})();
