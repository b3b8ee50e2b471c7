(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)
(assert true)
(assert
  (= (decision p0) q))
