$version: "2"
namespace example

structure Query {
    where: String
    async: Boolean
    pageSize: Integer
    page_size: Integer
}

enum Colour {
    DARK_RED = "dark-red"
    DarkRed = "DarkRed"
}
