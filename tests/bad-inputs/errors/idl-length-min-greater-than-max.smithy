$version: "2"
namespace example

structure Holder {
    @length(min: 9, max: 3)
    code: String
}
