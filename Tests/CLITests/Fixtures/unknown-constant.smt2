; A spec whose assertion names a constant nobody declared.
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)

(assert (forall ((i Proc))
  (=> (correct i) (= (decision i) q))))
