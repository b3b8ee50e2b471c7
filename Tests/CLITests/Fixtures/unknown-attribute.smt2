; A spec with a misspelled attribute.
(set-info :processes 3)
(set-info :crashes 1)
(set-info :round 2)

(assert (forall ((i Proc) (j Proc))
  (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
