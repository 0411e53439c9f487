$version: "2"
namespace example

/// Naïve ÿ
string Name
