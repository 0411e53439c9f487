$version: "2"
namespace example

string Name

integer Name
