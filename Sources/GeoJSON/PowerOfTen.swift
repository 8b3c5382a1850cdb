/// 10^exponent by repeated multiplication, so that every caller gets the same bits on every
/// platform (`pow` from the C library may differ in the last place).
public func powerOfTen(_ exponent: Int) -> Double {
    var value = 1.0
    for _ in 0..<abs(exponent) { value *= 10 }
    return exponent < 0 ? 1 / value : value
}
