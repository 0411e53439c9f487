$version: "2"
namespace example

@length(min: "one")
string Name
